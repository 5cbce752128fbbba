using System.CommandLine;
using Rapport.Data.Storage;
using Rapport.Server;
using Rapport.Server.Configuration;

namespace Rapport.Commands;

/// <summary>Options every command that touches the database shares.</summary>
internal static class CommonOptions
{
    public static Option<string?> Data() => new("--data")
    {
        Description = "Directory for the SQLite database and generated keys (default ./data).",
        HelpName = "DIR",
    };

    public static Option<string?> Database() => new("--database")
    {
        Description = "PostgreSQL connection string; SQLite in the data directory when omitted.",
        HelpName = "CONNECTION_STRING",
    };

    public static Dictionary<string, string?> Overrides(ParseResult result, Option<string?> data, Option<string?> database)
    {
        var overrides = new Dictionary<string, string?>();
        if (result.GetValue(data) is { } directory)
        {
            overrides["Rapport:DataDirectory"] = directory;
        }
        if (result.GetValue(database) is { } connectionString)
        {
            overrides["Rapport:Database"] = connectionString;
        }
        return overrides;
    }

    public static (RapportOptions Options, StorageOptions Storage) Storage(ParseResult result, Option<string?> data, Option<string?> database)
    {
        var options = RapportConfiguration.Load(Overrides(result, data, database));
        return (options, StorageOptions.Resolve(options.Database, options.DataDirectory));
    }
}
