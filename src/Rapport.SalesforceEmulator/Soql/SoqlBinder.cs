namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// Checks a parsed query against the schema in the order Salesforce reports problems: the FROM
/// object, the select list, WHERE, then ORDER BY; and converts every literal to its field's type.
/// </summary>
internal sealed class SoqlBinder
{
    private readonly SoqlQuery _query;
    private readonly ISoqlSchema _schema;
    private readonly string _objectName;

    private SoqlBinder(SoqlQuery query, ISoqlSchema schema, string objectName)
    {
        _query = query;
        _schema = schema;
        _objectName = objectName;
    }

    public static SoqlPreparedQuery Bind(SoqlQuery query, ISoqlSchema schema)
    {
        if (!schema.TryGetObject(query.From, out var objectName))
        {
            throw SoqlErrors.UnknownObject(query);
        }
        var binder = new SoqlBinder(query, schema, objectName);
        var prepared = new SoqlPreparedQuery(query, objectName);
        prepared.IsDeletedField = schema.TryGetField(objectName, "IsDeleted", out var isDeleted) ? isDeleted : null;
        binder.BindSelect(prepared);
        if (query.Where is not null)
        {
            binder.BindCondition(query.Where, prepared);
            prepared.IndexHints = IndexHints(query.Where, prepared);
        }
        prepared.OrderBy = query.OrderBy.Select(key => (binder.BindPath(key.Field), key)).ToArray();
        if (prepared.IsAggregate && query.OrderBy.Count > 0)
        {
            var key = query.OrderBy[0].Field;
            throw SoqlErrors.At(query, key.Position, SoqlErrorCodes.MalformedQuery, $"Ordered field must be grouped or aggregated: {key.Text}");
        }
        return prepared;
    }

    private void BindSelect(SoqlPreparedQuery prepared)
    {
        var columns = new List<SoqlColumn>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in _query.Fields)
        {
            var column = BindPath(path);
            if (!seen.Add(column.Path))
            {
                // Salesforce sends this one without echoing the query (see the FIELDS() documentation).
                throw new SoqlException(SoqlErrorCodes.InvalidField, $"duplicate field selected: {column.Path}", path.Position.Line, path.Position.Column);
            }
            columns.Add(column);
        }

        var aggregates = new List<SoqlAggregateColumn>();
        var unnamed = 0;
        foreach (var aggregate in _query.Aggregates)
        {
            var column = BindPath(aggregate.Field);
            aggregates.Add(new SoqlAggregateColumn(aggregate.Alias ?? $"expr{unnamed++}", column));
        }
        if (aggregates.Count > 0 && _query.Fields.Count > 0)
        {
            var field = _query.Fields[0];
            throw SoqlErrors.At(_query, field.Position, SoqlErrorCodes.MalformedQuery, $"Field must be grouped or aggregated: {field.Text}");
        }
        prepared.Columns = columns;
        prepared.Aggregates = aggregates;
    }

    public SoqlColumn BindPath(SoqlFieldPath path)
    {
        var segments = path.Segments;
        var start = 0;
        var objectName = _objectName;
        var references = new List<SoqlFieldInfo>();

        // "SELECT Contact.Email FROM Contact" and "SELECT c.Email FROM Contact c" name the queried object first.
        if (segments.Count > 1 && !_schema.TryGetRelationship(objectName, segments[0], out _)
            && (string.Equals(segments[0], _query.FromAlias, StringComparison.OrdinalIgnoreCase)
                || (_query.FromAlias is null && string.Equals(segments[0], _objectName, StringComparison.OrdinalIgnoreCase))))
        {
            start = 1;
        }

        for (var i = start; i < segments.Count - 1; i++)
        {
            if (!_schema.TryGetRelationship(objectName, segments[i], out var reference)
                || reference.RelationshipName is null || reference.ReferenceTo.Count == 0)
            {
                throw SoqlErrors.UnknownRelationship(_query, path.Position, segments[i]);
            }
            references.Add(reference);
            var last = segments[^1];
            // A polymorphic lookup (WhoId → Contact or Lead) continues on the first target that has the next name.
            objectName = reference.ReferenceTo.FirstOrDefault(target =>
                    i + 1 < segments.Count - 1
                        ? _schema.TryGetRelationship(target, segments[i + 1], out _)
                        : _schema.TryGetField(target, last, out _))
                ?? reference.ReferenceTo[0];
        }

        if (!_schema.TryGetField(objectName, segments[^1], out var field))
        {
            throw SoqlErrors.NoSuchColumn(_query, path.Position, segments[^1], objectName);
        }
        return new SoqlColumn(objectName, references, field);
    }

    private void BindCondition(SoqlCondition condition, SoqlPreparedQuery prepared)
    {
        switch (condition)
        {
            case SoqlAndCondition and:
                foreach (var operand in and.Operands)
                {
                    BindCondition(operand, prepared);
                }
                break;
            case SoqlOrCondition or:
                foreach (var operand in or.Operands)
                {
                    BindCondition(operand, prepared);
                }
                break;
            case SoqlNotCondition not:
                BindCondition(not.Operand, prepared);
                break;
            case SoqlComparison comparison:
                prepared.Comparisons[comparison] = BindComparison(comparison);
                break;
        }
    }

    private SoqlBoundComparison BindComparison(SoqlComparison comparison)
    {
        var column = BindPath(comparison.Field);
        var category = column.Category;
        if (comparison.Operator == SoqlOperator.Like && category != SoqlValueCategory.Text)
        {
            throw InvalidOperator(comparison, column);
        }
        if (category == SoqlValueCategory.Boolean && comparison.Operator is SoqlOperator.LessThan or SoqlOperator.LessThanOrEqual
            or SoqlOperator.GreaterThan or SoqlOperator.GreaterThanOrEqual)
        {
            throw InvalidOperator(comparison, column);
        }
        var values = new object?[comparison.Values.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Convert(comparison, column, comparison.Values[i]);
        }
        return new SoqlBoundComparison(column, comparison.Operator, values);
    }

    private SoqlException InvalidOperator(SoqlComparison comparison, SoqlColumn column)
    {
        // Salesforce: "invalid operator on id field" for LIKE on an id or lookup.
        var typeName = column.Category == SoqlValueCategory.Id ? "id" : TypeName(column.Field.Type);
        return SoqlErrors.At(_query, comparison.Values[0].Position, SoqlErrorCodes.InvalidQueryFilterOperator, $"invalid operator on {typeName} field");
    }

    private object? Convert(SoqlComparison comparison, SoqlColumn column, SoqlLiteral literal)
    {
        if (literal.Kind == SoqlLiteralKind.Null)
        {
            return null;
        }
        var category = column.Category;
        var matches = category switch
        {
            SoqlValueCategory.Text or SoqlValueCategory.Id => literal.Kind == SoqlLiteralKind.String,
            SoqlValueCategory.Boolean => literal.Kind == SoqlLiteralKind.Boolean,
            SoqlValueCategory.Number => literal.Kind == SoqlLiteralKind.Number,
            SoqlValueCategory.Date => literal.Kind is SoqlLiteralKind.Date or SoqlLiteralKind.DateLiteral,
            SoqlValueCategory.DateTime => literal.Kind is SoqlLiteralKind.DateTime or SoqlLiteralKind.DateLiteral,
            _ => false,
        };
        if (!matches)
        {
            var quotes = category is SoqlValueCategory.Text or SoqlValueCategory.Id
                ? "should be enclosed in quotes"
                : "should not be enclosed in quotes";
            var typeName = category is SoqlValueCategory.Text or SoqlValueCategory.Id ? "string" : TypeName(column.Field.Type);
            throw SoqlErrors.At(_query, literal.Position, SoqlErrorCodes.InvalidField,
                $"value of filter criterion for field '{comparison.Field.Text}' must be of type {typeName} and {quotes}");
        }

        if (category == SoqlValueCategory.Id)
        {
            var text = (string)literal.Value!;
            // An empty id is how clients write "no lookup" (AccountId != ''); Salesforce stores it as null.
            if (text.Length == 0)
            {
                return null;
            }
            if (!SalesforceId.TryNormalize(text, out var id18))
            {
                throw SoqlErrors.At(_query, literal.Position, SoqlErrorCodes.InvalidQueryFilterOperator, $"invalid ID field: {text}");
            }
            return id18;
        }
        if (category == SoqlValueCategory.Text && comparison.Operator == SoqlOperator.Like)
        {
            return new SoqlLikePattern(literal.LikePattern!);
        }
        // Salesforce saves empty text as null, so '' matches fields with no value.
        if (category == SoqlValueCategory.Text && ((string)literal.Value!).Length == 0)
        {
            return null;
        }
        return literal.Value;
    }

    private static string TypeName(SoqlFieldType type) => type switch
    {
        SoqlFieldType.DateTime => "dateTime",
        SoqlFieldType.Int => "int",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static SoqlIndexHint[] IndexHints(SoqlCondition where, SoqlPreparedQuery prepared)
    {
        var conjuncts = where is SoqlAndCondition and ? and.Operands : [where];
        var hints = new List<SoqlIndexHint>();
        foreach (var conjunct in conjuncts)
        {
            if (conjunct is not SoqlComparison comparison
                || comparison.Operator is SoqlOperator.NotEqual or SoqlOperator.NotIn or SoqlOperator.Like)
            {
                continue;
            }
            var bound = prepared.Comparisons[comparison];
            if (bound.Column.References.Count > 0 || bound.Values.Any(v => v is null or SoqlDateLiteral))
            {
                continue;
            }
            hints.Add(new SoqlIndexHint(bound.Column.Field.Name, comparison.Operator, bound.Values.Select(v => v!).ToArray()));
        }
        return [.. hints];
    }
}
