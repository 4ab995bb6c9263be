/**
 * Ports a user-provided station may use: the scheme's default, 80 and 443, and any port from 1024 up except well-known
 * internal services. Streaming servers live on 80/443 and high ports (Icecast 8000, SHOUTcast 8000–8010, 8080, 8443…);
 * ports below 1024 are system services (SSH, SMTP, …), and the listed high ports are databases and cluster APIs an attacker
 * would like to poke at on someone's public host. Port 0 is never valid.
 */
export const internalServicePorts: ReadonlySet<number> = new Set([
	2049, // NFS
	2375, // Docker API
	2376, // Docker API (TLS)
	2379, // etcd
	2380, // etcd peers
	3306, // MySQL
	4369, // Erlang port mapper
	5432, // PostgreSQL
	5672, // AMQP
	5984, // CouchDB
	6379, // Redis
	6443, // Kubernetes API
	8500, // Consul
	9042, // Cassandra
	9200, // Elasticsearch
	9300, // Elasticsearch nodes
	10250, // kubelet
	11211, // memcached
	15672, // RabbitMQ management
	27017 // MongoDB
]);

export function isAllowedPort(port: number): boolean {
	if (port === 80 || port === 443) return true;
	return Number.isInteger(port) && port >= 1024 && port <= 65535 && !internalServicePorts.has(port);
}
