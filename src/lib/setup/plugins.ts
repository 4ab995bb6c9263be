// Plugins register themselves on import; the order matters only in that all come before the client is built.
import '@sapphire/plugin-i18next/register';
import '@sapphire/plugin-subcommands/register';
import '#lib/setup/container';
import '#lib/setup/VoicePlugin';
