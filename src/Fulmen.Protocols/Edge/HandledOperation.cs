namespace Fulmen.Protocols.Edge;

/// <summary>
/// An operation of a service that dispatches itself (an <see cref="IAwsServiceHandler"/> without routes, such as S3):
/// its name, method and AWS's request URI template (<c>/{Bucket}/{Key+}?tagging</c>). Declared only so that
/// <c>GET /_fulmen/operations</c> lists it; the handler's own dispatch decides what a request is.
/// </summary>
public sealed record HandledOperation(string Name, string Method, string Path);
