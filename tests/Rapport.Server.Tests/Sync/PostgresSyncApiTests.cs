namespace Rapport.Server.Tests.Sync;

public sealed class PostgresSyncApiTests(PostgresSyncHostFixture fixture) : SyncApiTests<PostgresSyncHostFixture>(fixture);
