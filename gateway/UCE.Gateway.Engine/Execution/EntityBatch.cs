using System.Buffers;
using System.Text;
using System.Text.Json;
using UCE.Gateway.Engine.Planning;

namespace UCE.Gateway.Engine.Execution;

/// <summary>
/// The representations one entity fetch sends, deduplicated and already serialized as a JSON array, and for each of them
/// every object of the data tree (with its response path) that its entity is merged into.
/// </summary>
internal sealed class EntityBatch
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    private readonly ArrayBufferWriter<byte> _representations = new(1024);

    private EntityBatch()
    {
    }

    /// <summary>How many distinct representations were collected.</summary>
    public int Count => Targets.Count;

    /// <summary>The representations as one JSON array.</summary>
    public ReadOnlySpan<byte> RepresentationsJson => _representations.WrittenSpan;

    /// <summary>Per representation index, the objects that receive the entity.</summary>
    public List<List<EntityTarget>> Targets { get; } = [];

    public static EntityBatch Collect(FetchNode fetch, IReadOnlyList<string> path, DataObject data, ApiSchemaIndex schema) =>
        CollectGroups(fetch, path, data, schema)[0].Batch;

    /// <summary>
    /// The representations of an entity fetch, one batch per distinct set of context values when the fetch passes
    /// <c>@fromContext</c> arguments (each batch then carries those values, read from the ancestors of its objects), else
    /// one batch with no values.
    /// </summary>
    public static List<(EntityBatch Batch, DataObject? Context)> CollectGroups(FetchNode fetch, IReadOnlyList<string> path, DataObject data, ApiSchemaIndex schema)
    {
        var groups = new List<(EntityBatch Batch, DataObject? Context)>();
        var byKey = new Dictionary<string, (EntityBatch Batch, Dictionary<string, int> Index)>(StringComparer.Ordinal);
        var stack = new List<object>(path.Count + 4);
        var ancestors = new DataObject?[path.Count + 1];
        var scratch = new ArrayBufferWriter<byte>(256);
        using var scratchWriter = new Utf8JsonWriter(scratch, WriterOptions);
        if (fetch.ContextValues.Count == 0)
        {
            Group(string.Empty, null);
        }

        Walk(data, 0);
        foreach (var (batch, _) in groups)
        {
            batch._representations.Write("]"u8);
        }

        return groups;

        (EntityBatch Batch, Dictionary<string, int> Index) Group(string key, DataObject? context)
        {
            if (!byKey.TryGetValue(key, out var group))
            {
                group = (new EntityBatch(), new Dictionary<string, int>(StringComparer.Ordinal));
                group.Batch._representations.Write("["u8);
                byKey[key] = group;
                groups.Add((group.Batch, context));
            }

            return group;
        }

        void Walk(object? node, int segment)
        {
            switch (node)
            {
                case null:
                    return;
                case object?[] list when segment == path.Count || path[segment] != "@":
                    // Lists the path does not mark with '@' are stepped through too.
                    for (var i = 0; i < list.Length; i++)
                    {
                        stack.Add(i);
                        Walk(list[i], segment);
                        stack.RemoveAt(stack.Count - 1);
                    }

                    return;
                case object?[] list:
                    for (var i = 0; i < list.Length; i++)
                    {
                        stack.Add(i);
                        Walk(list[i], segment + 1);
                        stack.RemoveAt(stack.Count - 1);
                    }

                    return;
                case DataObject obj when segment == path.Count:
                    ancestors[segment] = obj;
                    Add(obj);
                    return;
                case DataObject obj:
                    ancestors[segment] = obj;
                    var step = path[segment];
                    if (step.StartsWith("... on ", StringComparison.Ordinal))
                    {
                        if (obj.Typename is { } typename && schema.Satisfies(typename, step[7..].Trim()))
                        {
                            Walk(obj, segment + 1);
                        }

                        return;
                    }

                    if (step == "@")
                    {
                        Walk(obj, segment + 1);
                        return;
                    }

                    if (obj.TryGetValue(step, out var child))
                    {
                        stack.Add(step);
                        Walk(child, segment + 1);
                        stack.RemoveAt(stack.Count - 1);
                    }

                    return;
                default:
                    return;
            }
        }

        void Add(DataObject obj)
        {
            var representation = new DataObject();
            if (!Build(obj, fetch.Requires!, representation, schema) || representation.Count == 0)
            {
                return;
            }

            if (fetch.InputRewrites.Count > 0)
            {
                PlanExecutor.ApplyRewrites(representation, fetch.InputRewrites);
            }

            var (batch, index) = fetch.ContextValues.Count == 0 ? byKey[string.Empty] : ContextGroup();
            scratch.ResetWrittenCount();
            scratchWriter.Reset(scratch);
            DataObject.Write(scratchWriter, representation);
            scratchWriter.Flush();
            var key = Encoding.UTF8.GetString(scratch.WrittenSpan);
            if (!index.TryGetValue(key, out var position))
            {
                position = batch.Targets.Count;
                index[key] = position;
                if (position > 0)
                {
                    batch._representations.Write(","u8);
                }

                batch._representations.Write(scratch.WrittenSpan);
                batch.Targets.Add([]);
            }

            batch.Targets[position].Add(new EntityTarget(obj, [.. stack]));
        }

        (EntityBatch Batch, Dictionary<string, int> Index) ContextGroup()
        {
            var context = new DataObject(fetch.ContextValues.Count);
            foreach (var value in fetch.ContextValues)
            {
                object? found = ancestors[path.Count - value.Steps];
                foreach (var name in value.ValuePath)
                {
                    found = found is DataObject step && step.TryGetValue(name, out var next) ? next : null;
                }

                context.Set(value.Variable, DataObject.Copy(found));
            }

            scratch.ResetWrittenCount();
            scratchWriter.Reset(scratch);
            DataObject.Write(scratchWriter, context);
            scratchWriter.Flush();
            return Group(Encoding.UTF8.GetString(scratch.WrittenSpan), context);
        }
    }

    /// <summary>Copies the required shape out of <paramref name="source"/>; false when a required field is missing.</summary>
    private static bool Build(DataObject source, IReadOnlyList<InputSelection> selections, DataObject target, ApiSchemaIndex schema)
    {
        foreach (var selection in selections)
        {
            switch (selection)
            {
                case InputFragment fragment:
                    if (source.Typename is { } typename && schema.Satisfies(typename, fragment.TypeCondition)
                        && !Build(source, fragment.Selections, target, schema))
                    {
                        return false;
                    }

                    break;
                case InputField field:
                    if (!source.TryGetValue(field.ResponseName, out var value))
                    {
                        return false;
                    }

                    if (field.Selections is null || value is null)
                    {
                        target.Set(field.Name, DataObject.Copy(value));
                    }
                    else
                    {
                        var copied = BuildNested(value, field.Selections, schema, out var complete);
                        if (!complete)
                        {
                            return false;
                        }

                        target.Set(field.Name, copied);
                    }

                    break;
            }
        }

        return true;
    }

    private static object? BuildNested(object value, IReadOnlyList<InputSelection> selections, ApiSchemaIndex schema, out bool complete)
    {
        complete = true;
        switch (value)
        {
            case DataObject obj:
                var nested = new DataObject();
                complete = Build(obj, selections, nested, schema);
                return nested;
            case object?[] list:
                var items = new object?[list.Length];
                for (var i = 0; i < list.Length; i++)
                {
                    if (list[i] is { } item)
                    {
                        items[i] = BuildNested(item, selections, schema, out complete);
                        if (!complete)
                        {
                            return null;
                        }
                    }
                }

                return items;
            default:
                return value;
        }
    }
}

/// <summary>An object of the data tree that receives an entity, and its response path (names and list indexes).</summary>
internal readonly record struct EntityTarget(DataObject Object, object[] Path);
