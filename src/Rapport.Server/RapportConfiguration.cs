using Microsoft.Extensions.Configuration;
using Rapport.Server.Configuration;

namespace Rapport.Server;

/// <summary>Reads Rapport's settings the way the server does, for commands that run without it.</summary>
public static class RapportConfiguration
{
    /// <summary>appsettings.json, then RAPPORT_* variables, then <paramref name="overrides"/> (CLI options): the sources and order of <c>rapport serve</c>.</summary>
    public static IConfigurationRoot Build(IDictionary<string, string?> overrides)
        => new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .Add(new RapportEnvironmentVariablesSource())
            .AddInMemoryCollection(overrides)
            .Build();

    /// <summary>The <c>Rapport</c> section of <see cref="Build"/>.</summary>
    public static RapportOptions Load(IDictionary<string, string?> overrides)
        => Build(overrides).GetSection(RapportOptions.Section).Get<RapportOptions>() ?? new RapportOptions();
}
