import { Router } from '../Router.js';
import { addChannelRoutes } from './channels.js';
import { addCommandRoutes } from './commands.js';
import { addGuildRoutes } from './guilds.js';
import { addInteractionRoutes } from './interactions.js';
import { addMetaRoutes } from './meta.js';

export function createRouter(): Router {
	const router = new Router();
	addMetaRoutes(router);
	addCommandRoutes(router);
	addInteractionRoutes(router);
	addChannelRoutes(router);
	addGuildRoutes(router);
	return router;
}
