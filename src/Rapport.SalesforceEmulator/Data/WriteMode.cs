namespace Rapport.SalesforceEmulator.Data;

/// <summary>Who is writing: an API client (all platform rules apply) or the emulator itself (seeding, loading, test controls).</summary>
internal enum WriteMode
{
    /// <summary>A REST, Bulk or collections request.</summary>
    Api,

    /// <summary>The seeder, snapshot loading and <c>/__emulator</c> controls: audit fields may be preset.</summary>
    System,
}
