using System.Text.Json;

namespace Rapport.Core.Profiles;

/// <summary>
/// Named attributes of a user or an account. A write wins only when it is at least as recent as
/// the value it replaces, so events arriving out of order (mobile clients flushing late) cannot
/// overwrite a newer trait with an older one, and replaying the log gives the same result.
/// </summary>
public sealed class AttributeSet
{
    private readonly Dictionary<string, ProfileAttribute> _values;

    public AttributeSet() => _values = new Dictionary<string, ProfileAttribute>(StringComparer.Ordinal);

    public AttributeSet(IEnumerable<KeyValuePair<string, ProfileAttribute>> values)
        => _values = new Dictionary<string, ProfileAttribute>(values, StringComparer.Ordinal);

    public int Count => _values.Count;

    public IReadOnlyDictionary<string, ProfileAttribute> Values => _values;

    public bool TryGet(string name, out ProfileAttribute attribute) => _values.TryGetValue(name, out attribute!);

    /// <summary>Sets one attribute; a JSON null removes it. Returns whether anything changed.</summary>
    public bool Set(string name, JsonElement value, string source, long atMs)
    {
        if (_values.TryGetValue(name, out var existing))
        {
            if (existing.UpdatedAtMs > atMs)
            {
                return false;
            }
            if (value.ValueKind == JsonValueKind.Null)
            {
                _values.Remove(name);
                return true;
            }
            if (JsonElement.DeepEquals(existing.Value, value) && existing.Source == source)
            {
                return false;
            }
        }
        else if (value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }
        _values[name] = new ProfileAttribute(value.Clone(), source, atMs);
        return true;
    }

    /// <summary>Sets every property of a traits object.</summary>
    public bool SetAll(JsonElement traits, string source, long atMs)
    {
        if (traits.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        var changed = false;
        foreach (var trait in traits.EnumerateObject())
        {
            changed |= Set(trait.Name, trait.Value, source, atMs);
        }
        return changed;
    }

    /// <summary>Folds another set in; per attribute the later change wins.</summary>
    public void Merge(AttributeSet other)
    {
        foreach (var (name, attribute) in other._values)
        {
            if (!_values.TryGetValue(name, out var existing) || existing.UpdatedAtMs <= attribute.UpdatedAtMs)
            {
                _values[name] = attribute;
            }
        }
    }

    /// <summary>A string attribute's value, for display and search (email, name…).</summary>
    public string? GetString(string name)
        => _values.TryGetValue(name, out var attribute) && attribute.Value.ValueKind == JsonValueKind.String
            ? attribute.Value.GetString()
            : null;
}
