namespace Rapport.Sync.Connectors;

/// <summary>An Event or Task about a person (<c>WhoId</c>) and optionally their account (<c>WhatId</c>).</summary>
public sealed record CrmActivity(string ExternalId, string WhoId, string? WhatId, string Subject, string Description, DateTimeOffset At);
