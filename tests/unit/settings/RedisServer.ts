// Moved to tests/support (storage fault fixtures use it too); kept here for the settings tests' imports.
export * from '#support/RedisServer';
