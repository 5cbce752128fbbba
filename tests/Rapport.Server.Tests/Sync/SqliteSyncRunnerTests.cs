namespace Rapport.Server.Tests.Sync;

public sealed class SqliteSyncRunnerTests(SqliteSyncHostFixture fixture) : SyncRunnerTests<SqliteSyncHostFixture>(fixture);
