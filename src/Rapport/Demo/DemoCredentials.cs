namespace Rapport.Demo;

/// <summary>The demo org's connected app and integration user, kept across runs.</summary>
internal sealed record DemoCredentials(string ConsumerKey, string ConsumerSecret, string Username, string Password, string SecurityToken);
