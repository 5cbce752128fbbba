using Rapport.Server.Assets;

namespace Rapport.Server.Sdk;

/// <summary>The browser snippet (<c>sdk/js/rapport.js</c>, embedded in this assembly) as served at <c>/sdk/rapport.js</c>.</summary>
public sealed record SdkScript(EmbeddedAsset Asset)
{
    /// <summary>The logical name Rapport.Server.csproj gives the embedded script.</summary>
    public const string ResourceName = "Rapport.Server.Sdk.rapport.js";
}
