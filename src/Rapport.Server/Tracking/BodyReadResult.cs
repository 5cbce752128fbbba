using System.Buffers;

namespace Rapport.Server.Tracking;

/// <summary>A request body in a pooled buffer, or why it could not be read.</summary>
internal readonly record struct BodyReadResult(byte[]? Buffer, int Length, int Status, string? Error) : IDisposable
{
    public static BodyReadResult Fail(int status, string error) => new(null, 0, status, error);

    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    public void Dispose()
    {
        if (Buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
        }
    }
}
