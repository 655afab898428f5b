using System.Buffers.Binary;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace UCE.Usage.Data;

/// <summary>Stores an array of watt-hour readings as little-endian 32-bit integers in one binary column (bytea, BLOB).</summary>
public sealed class PackedReadingsConverter() : ValueConverter<int[], byte[]>(values => Pack(values), bytes => Unpack(bytes))
{
    public static byte[] Pack(int[] values)
    {
        var bytes = new byte[values.Length * sizeof(int)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * sizeof(int)), values[i]);
        }

        return bytes;
    }

    public static int[] Unpack(byte[] bytes)
    {
        var values = new int[bytes.Length / sizeof(int)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * sizeof(int)));
        }

        return values;
    }
}

/// <summary>Compares reading arrays by content so EF Core notices changed readings.</summary>
public sealed class PackedReadingsComparer() : ValueComparer<int[]>(
    (left, right) => left != null && right != null ? left.SequenceEqual(right) : left == right,
    values => values.Aggregate(17, (hash, value) => HashCode.Combine(hash, value)),
    values => values.ToArray());
