"""The mentoring scheme's and coaching's views, forms and admin screens (docs/academy.md)."""
