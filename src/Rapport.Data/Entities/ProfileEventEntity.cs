namespace Rapport.Data.Entities;

/// <summary>
/// One event of a profile, by log position: the index behind "a person's latest events". The
/// processor writes it when it applies the event (so it follows identity resolution: events
/// sent under any of a person's ids), and moves a merged profile's rows to the survivor.
/// </summary>
public sealed class ProfileEventEntity
{
    public long ProfileId { get; set; }
    public long Sequence { get; set; }
}
