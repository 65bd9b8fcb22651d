"""What the user sends: hex input, escapes, checksums, the payload spec and its validator,
send history, quick commands, and the periodic and file send jobs.
"""
