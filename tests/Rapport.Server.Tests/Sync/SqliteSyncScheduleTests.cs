namespace Rapport.Server.Tests.Sync;

public sealed class SqliteSyncScheduleTests(SqliteSyncHostFixture fixture) : SyncScheduleTests<SqliteSyncHostFixture>(fixture);
