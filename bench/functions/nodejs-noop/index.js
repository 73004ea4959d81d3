// The no-op Node.js function of the benchmark (handler index.handler).
exports.handler = async () => ({});
