using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Integrations;

public sealed class PostgresSalesforceConnectionFixture() : SalesforceConnectionFixture(DatabaseKind.Postgres);
