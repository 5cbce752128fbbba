namespace Rapport.Server.Tests.Sync;

public sealed class PostgresSyncRunnerTests(PostgresSyncHostFixture fixture) : SyncRunnerTests<PostgresSyncHostFixture>(fixture);
