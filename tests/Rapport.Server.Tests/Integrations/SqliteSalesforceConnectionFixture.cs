using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Integrations;

public sealed class SqliteSalesforceConnectionFixture() : SalesforceConnectionFixture(DatabaseKind.Sqlite);
