using System.Diagnostics.CodeAnalysis;

namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// The org's objects and fields as the SOQL engine sees them. All look-ups are case-insensitive and
/// return canonical names, which the engine uses for record keys and for rendering.
/// </summary>
public interface ISoqlSchema
{
    /// <summary>Finds an object (<c>contact</c> → <c>Contact</c>).</summary>
    bool TryGetObject(string name, [NotNullWhen(true)] out string? canonicalName);

    /// <summary>Finds a field on an object given by its canonical name.</summary>
    bool TryGetField(string objectName, string fieldName, [NotNullWhen(true)] out SoqlFieldInfo? field);

    /// <summary>
    /// Finds the reference field whose relationship name is <paramref name="relationshipName"/>
    /// (<c>Contact</c> + <c>account</c> → the <c>AccountId</c> field).
    /// </summary>
    bool TryGetRelationship(string objectName, string relationshipName, [NotNullWhen(true)] out SoqlFieldInfo? referenceField);
}
