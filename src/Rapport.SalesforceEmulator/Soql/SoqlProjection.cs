using Row = System.Collections.Generic.IReadOnlyDictionary<string, object?>;

namespace Rapport.SalesforceEmulator.Soql;

/// <summary>Builds result records from rows: the select list as a tree of relationships, prepared once.</summary>
internal sealed class SoqlProjection
{
    private readonly Node _root = new("", null, null);
    private readonly SoqlParentResolver _parents;

    public SoqlProjection(IReadOnlyList<SoqlColumn> columns, SoqlParentResolver parents)
    {
        _parents = parents;
        foreach (var column in columns)
        {
            var node = _root;
            foreach (var reference in column.References)
            {
                var relationship = reference.RelationshipName!;
                var child = node.Children.Find(c => c.Reference is not null && string.Equals(c.Name, relationship, StringComparison.OrdinalIgnoreCase));
                if (child is null)
                {
                    child = new Node(relationship, reference, null);
                    node.Children.Add(child);
                }
                node = child;
            }
            node.Children.Add(new Node(column.Field.Name, null, column.Field));
        }
    }

    public SoqlRecord Project(Row row, string objectType) => Project(row, objectType, _root);

    private SoqlRecord Project(Row row, string objectType, Node node)
    {
        var fields = new KeyValuePair<string, object?>[node.Children.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var child = node.Children[i];
            object? value;
            if (child.Reference is null)
            {
                value = SoqlAccessors.Read(row, child.Field!);
            }
            else
            {
                var parent = SoqlAccessors.Parent(row, child.Reference, _parents, out var parentType);
                value = parent is null ? null : Project(parent, parentType, child);
            }
            fields[i] = new KeyValuePair<string, object?>(child.Name, value);
        }
        var id = row.TryGetValue("Id", out var rowId) ? rowId as string : null;
        return new SoqlRecord(objectType, id, fields);
    }

    /// <summary>A selected field, or a relationship (with its reference field) and the fields selected through it.</summary>
    private sealed class Node(string name, SoqlFieldInfo? reference, SoqlFieldInfo? field)
    {
        public string Name { get; } = name;

        public SoqlFieldInfo? Reference { get; } = reference;

        public SoqlFieldInfo? Field { get; } = field;

        public List<Node> Children { get; } = [];
    }
}
