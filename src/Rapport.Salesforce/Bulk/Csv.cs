using System.Text;

namespace Rapport.Salesforce.Bulk;

/// <summary>
/// RFC 4180 CSV as Bulk API 2.0 reads and writes it (comma, LF line endings, double quotes
/// doubled inside quoted fields, quoted fields may span lines).
/// </summary>
internal static class Csv
{
    public static void AppendRow(StringBuilder builder, IEnumerable<string?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                builder.Append(',');
            }
            first = false;
            if (cell is null)
            {
                builder.Append("#N/A");
            }
            else if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 || cell.StartsWith(' ') || cell.EndsWith(' '))
            {
                builder.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                builder.Append(cell);
            }
        }
        builder.Append('\n');
    }

    /// <summary>Reads rows one at a time, so a large result is never held whole.</summary>
    public static async IAsyncEnumerable<List<string>> ReadRowsAsync(TextReader reader)
    {
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var anything = false;
        var buffer = new char[8192];
        int read;
        var pendingQuote = false;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (pendingQuote)
                {
                    pendingQuote = false;
                    if (c == '"')
                    {
                        cell.Append('"');
                        continue;
                    }
                    quoted = false;
                }
                if (quoted)
                {
                    if (c == '"')
                    {
                        pendingQuote = true;
                    }
                    else
                    {
                        cell.Append(c);
                    }
                    continue;
                }
                switch (c)
                {
                    case '"':
                        quoted = true;
                        anything = true;
                        break;
                    case ',':
                        row.Add(cell.ToString());
                        cell.Clear();
                        anything = true;
                        break;
                    case '\r':
                        break;
                    case '\n':
                        if (anything || cell.Length > 0)
                        {
                            row.Add(cell.ToString());
                            yield return row;
                            row = [];
                        }
                        cell.Clear();
                        anything = false;
                        break;
                    default:
                        cell.Append(c);
                        anything = true;
                        break;
                }
            }
        }
        if (anything || cell.Length > 0)
        {
            row.Add(cell.ToString());
            yield return row;
        }
    }

    /// <summary>Rows as dictionaries keyed by the header row.</summary>
    public static async IAsyncEnumerable<Dictionary<string, string>> ReadRecordsAsync(TextReader reader)
    {
        List<string>? header = null;
        await foreach (var row in ReadRowsAsync(reader))
        {
            if (header is null)
            {
                header = row;
                continue;
            }
            var record = new Dictionary<string, string>(header.Count, StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                record[header[i]] = i < row.Count ? row[i] : string.Empty;
            }
            yield return record;
        }
    }
}
