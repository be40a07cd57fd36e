"""Page-number pagination with a ceiling, described field by field in the schema."""

from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    page_size_query_description = "How many results to return per page (at most 200)."
    page_query_description = "The page to return, counting from 1."
    max_page_size = 200

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        descriptions = {
            "count": "How many results there are on all pages together.",
            "next": "The address of the next page; null on the last page.",
            "previous": "The address of the previous page; null on the first page.",
            "results": "The results on this page.",
        }
        for name, description in descriptions.items():
            response["properties"][name]["description"] = description
        return response
