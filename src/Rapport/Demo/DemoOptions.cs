namespace Rapport.Demo;

/// <summary>Where <c>rapport demo</c> keeps its data and listens.</summary>
internal sealed record DemoOptions(string DataDirectory, string RapportUrls, string EmulatorUrls, string SiteUrls, int Users);
