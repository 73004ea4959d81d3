namespace Fulmen.Storage.Code;

/// <summary>A stored deployment package: its hash as AWS reports it (base64 SHA-256) and where it is unpacked.</summary>
public sealed record CodePackage(string CodeSha256, long CodeSize, string Directory);
