namespace Rapport.Server.Console.Profiles;

/// <summary>How many events a person sent on one calendar day of the dataset's time zone.</summary>
public sealed record DayActivity(DateOnly Day, int Events);
