namespace Rapport.Sync.Activities;

/// <summary>
/// Whom an event's activity is about: the profile's key, its linked contact or lead (<c>WhoId</c>,
/// null when unlinked) and, for a contact, its linked account (<c>WhatId</c>).
/// </summary>
public sealed record ActivityRecipient(string ProfileKey, string? WhoObjectType, string? WhoId, string? WhatId);
