namespace Rapport.Demo;

/// <summary>A contact of the sample org who becomes a visitor of the sample site.</summary>
internal sealed record DemoPerson(string FirstName, string LastName, string Email, string? Title, string? AccountId, string? AccountName, string? Industry);
