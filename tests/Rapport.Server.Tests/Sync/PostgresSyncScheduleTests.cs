namespace Rapport.Server.Tests.Sync;

public sealed class PostgresSyncScheduleTests(PostgresSyncHostFixture fixture) : SyncScheduleTests<PostgresSyncHostFixture>(fixture);
