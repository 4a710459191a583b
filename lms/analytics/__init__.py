"""What attempts say: question insights, question quality, course activity."""
