namespace Rapport.Server.Tests.Sync;

public sealed class SqliteSyncApiTests(SqliteSyncHostFixture fixture) : SyncApiTests<SqliteSyncHostFixture>(fixture);
