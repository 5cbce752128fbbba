using System.Text;
using System.Text.Json;

namespace Rapport.SalesforceEmulator.Data;

/// <summary>
/// Saves and loads the org's records and custom fields (<c>--data FILE</c>). A compact binary
/// format (one tagged value per field, field names per object in the header) keeps a million
/// contacts to a few seconds either way. Files are written to a temporary name and renamed, so a
/// crash mid-save leaves the previous snapshot intact.
/// </summary>
public static class OrgSnapshot
{
    private const string Magic = "RAPPORT-SFEMU";
    private const int FormatVersion = 1;

    private enum Tag : byte
    {
        Null,
        String,
        True,
        False,
        Int,
        Decimal,
        DateTime,
        Date,
    }

    /// <summary>Writes the org to <paramref name="path"/>.</summary>
    public static void Save(OrgStore store, string path)
    {
        ArgumentNullException.ThrowIfNull(store);
        var temp = path + ".tmp";
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        // Snapshots of every table are taken under the lock so the file is consistent across objects.
        var tables = store.Read(() => store.Tables.Select(t => (Table: t, Fields: t.Definition.Fields, Snapshot: t.Snapshot(), t.NextSequence)).ToList());
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            var customFields = tables.SelectMany(t => t.Fields.Where(f => f.Custom).Select(f => CustomFieldSpec.From(t.Table.Definition, f))).ToList();
            writer.Write(JsonSerializer.Serialize(customFields));
            writer.Write(tables.Count);
            foreach (var (table, fields, (rows, count), nextSequence) in tables)
            {
                writer.Write(table.Definition.Name);
                writer.Write(nextSequence);
                writer.Write(fields.Count);
                foreach (var field in fields)
                {
                    writer.Write(field.Name);
                }
                var live = 0;
                for (var i = 0; i < count; i++)
                {
                    live += rows[i] is null ? 0 : 1;
                }
                writer.Write(live);
                for (var i = 0; i < count; i++)
                {
                    if (rows[i] is not { } row)
                    {
                        continue;
                    }
                    for (var f = 0; f < fields.Count; f++)
                    {
                        WriteValue(writer, f < row.Length ? row[f] : null);
                    }
                }
            }
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Replaces the org's records with those in <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not an emulator snapshot.</exception>
    public static void Load(OrgStore store, string path)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (reader.ReadString() != Magic || reader.ReadInt32() != FormatVersion)
            {
                throw new InvalidDataException($"{path} is not a Rapport emulator data file.");
            }
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"{path} is not a Rapport emulator data file.", ex);
        }
        store.Reset();
        var customFields = JsonSerializer.Deserialize<List<CustomFieldSpec>>(reader.ReadString()) ?? [];
        foreach (var spec in customFields)
        {
            if (store.FindObject(spec.ObjectName) is { } definition && definition.FindField(spec.Name) is null)
            {
                store.AddField(definition, spec.ToField());
            }
        }
        var tableCount = reader.ReadInt32();
        store.Write(writer =>
        {
            for (var t = 0; t < tableCount; t++)
            {
                var name = reader.ReadString();
                var nextSequence = reader.ReadInt64();
                var fieldCount = reader.ReadInt32();
                var table = store.FindTable(name);
                var ordinals = new int[fieldCount];
                for (var f = 0; f < fieldCount; f++)
                {
                    var fieldName = reader.ReadString();
                    ordinals[f] = table?.Definition.FindField(fieldName)?.Ordinal ?? -1;
                }
                var rowCount = reader.ReadInt32();
                table?.EnsureCapacity(rowCount);
                var width = table?.Definition.FieldCount ?? 0;
                for (var r = 0; r < rowCount; r++)
                {
                    var row = new object?[width];
                    for (var f = 0; f < fieldCount; f++)
                    {
                        var value = ReadValue(reader);
                        if (ordinals[f] >= 0)
                        {
                            row[ordinals[f]] = value;
                        }
                    }
                    if (table is not null && row[0] is string id && table.SlotOf(id) < 0)
                    {
                        writer.AppendTrusted(table, row);
                    }
                }
                if (table is not null && nextSequence > table.NextSequence)
                {
                    table.NextSequence = nextSequence;
                }
            }
            return 0;
        });
    }

    private static void WriteValue(BinaryWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.Write((byte)Tag.Null);
                break;
            case string s:
                writer.Write((byte)Tag.String);
                writer.Write(s);
                break;
            case bool b:
                writer.Write((byte)(b ? Tag.True : Tag.False));
                break;
            case int i:
                writer.Write((byte)Tag.Int);
                writer.Write(i);
                break;
            case decimal m:
                writer.Write((byte)Tag.Decimal);
                writer.Write(m);
                break;
            case DateTime dt:
                writer.Write((byte)Tag.DateTime);
                writer.Write(dt.Ticks);
                break;
            case DateOnly d:
                writer.Write((byte)Tag.Date);
                writer.Write(d.DayNumber);
                break;
            default:
                writer.Write((byte)Tag.String);
                writer.Write(FieldValues.ToInvariantString(value));
                break;
        }
    }

    private static object? ReadValue(BinaryReader reader) => (Tag)reader.ReadByte() switch
    {
        Tag.Null => null,
        Tag.String => reader.ReadString(),
        Tag.True => FieldValues.True,
        Tag.False => FieldValues.False,
        Tag.Int => reader.ReadInt32(),
        Tag.Decimal => reader.ReadDecimal(),
        Tag.DateTime => new DateTime(reader.ReadInt64(), DateTimeKind.Utc),
        Tag.Date => DateOnly.FromDayNumber(reader.ReadInt32()),
        var tag => throw new InvalidDataException($"Unknown value tag {tag} in the data file."),
    };
}
