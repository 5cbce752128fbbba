namespace Rapport.Sync.Settings;

/// <summary>The custom field types Rapport creates.</summary>
public enum CrmFieldType
{
    Text = 0,
    LongText = 1,
    Number = 2,
    Checkbox = 3,
    Date = 4,
    DateTime = 5,
}
