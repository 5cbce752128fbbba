using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Sync;

public sealed class SqliteSyncHostFixture() : SyncHostFixture(DatabaseKind.Sqlite);
