using Microsoft.Extensions.Configuration;

namespace Rapport.Server.Configuration;

/// <summary>Adds <see cref="RapportEnvironmentVariablesProvider"/> to a configuration.</summary>
internal sealed class RapportEnvironmentVariablesSource : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder)
        => new RapportEnvironmentVariablesProvider(Environment.GetEnvironmentVariables());
}
