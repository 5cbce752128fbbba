namespace Rapport.Server.Admin;

/// <summary>The admin API key in force for this process.</summary>
public sealed record AdminKey(string Value);
