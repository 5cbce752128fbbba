namespace Rapport.Server.Console.Accounts;

/// <summary>An admin account could not be created; the message says why, for a person to act on.</summary>
public sealed class AdminAccountException(string message) : Exception(message);
