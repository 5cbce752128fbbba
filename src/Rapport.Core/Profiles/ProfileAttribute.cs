using System.Text.Json;

namespace Rapport.Core.Profiles;

/// <summary>An attribute's value with its source and the time (Unix ms) it was last changed.</summary>
public sealed record ProfileAttribute(JsonElement Value, string Source, long UpdatedAtMs);
