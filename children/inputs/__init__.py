"""What the child record's writes carry, as plain values: the form and the API build one of these and
hand it to the service."""
