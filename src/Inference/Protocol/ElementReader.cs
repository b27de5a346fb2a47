using System.Text.Json;

namespace Reconciler.Inference.Protocol;

/// <summary>Reads one JSON token as a tensor element; false when the token is not a value of that type.</summary>
internal delegate bool ElementReader<T>(ref Utf8JsonReader reader, out T value);
