# The no-op Python function of the benchmark (handler app.handler).
def handler(event, context):
    return {}
