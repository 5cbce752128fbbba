using System.Data;

namespace Rapport.Data.Processing;

/// <summary>A column <see cref="ProfileRowWriter"/> writes: its name, parameter type and value.</summary>
internal sealed record RowColumn<T>(string Name, DbType Type, Func<T, object?> Value);
