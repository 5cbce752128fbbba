namespace Rapport.SalesforceEmulator.Soql;

/// <summary>How values of a field type compare; several describe types share one behaviour.</summary>
internal enum SoqlValueCategory
{
    Text,
    Id,
    Boolean,
    Number,
    Date,
    DateTime,
}
