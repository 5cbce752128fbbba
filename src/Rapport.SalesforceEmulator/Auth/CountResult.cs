namespace Rapport.SalesforceEmulator.Auth;

/// <summary>How many tokens or sessions a control affected.</summary>
internal sealed record CountResult(int Count);
