namespace Rapport.Browser.Tests.Support;

/// <summary>A dataset created for one test, with its write key for the snippet.</summary>
public sealed record TestDataset(string Id, string WriteKey);
