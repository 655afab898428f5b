using System.Text.Json;
using System.Text.Json.Nodes;
using UCE.Gateway.Engine.Planning;

namespace UCE.Gateway.Engine.Execution;

/// <summary>
/// The representations one entity fetch sends, deduplicated, and for each of them every object of the data tree
/// (with its response path) that its entity is merged into.
/// </summary>
internal sealed class EntityBatch
{
    private EntityBatch()
    {
    }

    public JsonArray Representations { get; } = [];

    /// <summary>Per representation index, the objects that receive the entity.</summary>
    public List<List<EntityTarget>> Targets { get; } = [];

    public static EntityBatch Collect(FetchNode fetch, IReadOnlyList<string> path, JsonObject data, ApiSchemaIndex schema)
    {
        var batch = new EntityBatch();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<object>(path.Count + 4);
        Walk(data, 0);
        return batch;

        void Walk(JsonNode? node, int segment)
        {
            switch (node)
            {
                case null:
                    return;
                case JsonArray array when segment == path.Count || path[segment] != "@":
                    // Lists the path does not mark with '@' are stepped through too: the planner may omit them.
                    for (var i = 0; i < array.Count; i++)
                    {
                        stack.Add(i);
                        Walk(array[i], segment);
                        stack.RemoveAt(stack.Count - 1);
                    }

                    return;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        stack.Add(i);
                        Walk(array[i], segment + 1);
                        stack.RemoveAt(stack.Count - 1);
                    }

                    return;
                case JsonObject obj when segment == path.Count:
                    Add(obj);
                    return;
                case JsonObject obj:
                    var step = path[segment];
                    if (step.StartsWith("... on ", StringComparison.Ordinal))
                    {
                        if (TypenameOf(obj) is { } typename && schema.Satisfies(typename, step[7..].Trim()))
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

                    if (obj.TryGetPropertyValue(step, out var child))
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

        void Add(JsonObject obj)
        {
            var representation = new JsonObject();
            if (!Build(obj, fetch.Requires!, representation, schema) || representation.Count == 0)
            {
                return;
            }

            PlanExecutor.ApplyRewrites(representation, fetch.InputRewrites);
            var key = representation.ToJsonString();
            if (!index.TryGetValue(key, out var position))
            {
                position = batch.Representations.Count;
                index[key] = position;
                batch.Representations.Add(representation);
                batch.Targets.Add([]);
            }

            batch.Targets[position].Add(new EntityTarget(obj, [.. stack]));
        }
    }

    /// <summary>Copies the required shape out of <paramref name="source"/>; false when a required field is missing.</summary>
    private static bool Build(JsonObject source, IReadOnlyList<InputSelection> selections, JsonObject target, ApiSchemaIndex schema)
    {
        foreach (var selection in selections)
        {
            switch (selection)
            {
                case InputFragment fragment:
                    if (TypenameOf(source) is { } typename && schema.Satisfies(typename, fragment.TypeCondition)
                        && !Build(source, fragment.Selections, target, schema))
                    {
                        return false;
                    }

                    break;
                case InputField field:
                    if (!source.TryGetPropertyValue(field.ResponseName, out var value))
                    {
                        return false;
                    }

                    if (field.Selections is null || value is null)
                    {
                        target[field.Name] = value?.DeepClone();
                    }
                    else
                    {
                        var copied = BuildNested(value, field.Selections, schema);
                        if (copied is null)
                        {
                            return false;
                        }

                        target[field.Name] = copied;
                    }

                    break;
            }
        }

        return true;
    }

    private static JsonNode? BuildNested(JsonNode value, IReadOnlyList<InputSelection> selections, ApiSchemaIndex schema)
    {
        switch (value)
        {
            case JsonObject obj:
                var nested = new JsonObject();
                return Build(obj, selections, nested, schema) ? nested : null;
            case JsonArray array:
                var list = new JsonArray();
                foreach (var item in array)
                {
                    if (item is null)
                    {
                        list.Add(null);
                        continue;
                    }

                    var copied = BuildNested(item, selections, schema);
                    if (copied is null)
                    {
                        return null;
                    }

                    list.Add(copied);
                }

                return list;
            default:
                return value.DeepClone();
        }
    }

    internal static string? TypenameOf(JsonObject obj) =>
        obj["__typename"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}

/// <summary>An object of the data tree that receives an entity, and its response path (names and list indexes).</summary>
internal readonly record struct EntityTarget(JsonObject Object, object[] Path);
