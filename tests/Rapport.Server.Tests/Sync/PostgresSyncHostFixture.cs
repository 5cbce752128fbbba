using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Sync;

public sealed class PostgresSyncHostFixture() : SyncHostFixture(DatabaseKind.Postgres);
